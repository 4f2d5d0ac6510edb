// The Vega packages ship no types of their own; vega-typings (the umbrella's types) describes them.
declare module 'vega-parser' {
  export { parse } from 'vega-typings';
}
declare module 'vega-view' {
  export { View } from 'vega-typings';
}
declare module 'vega-dataflow' {
  /** Transform constructors by name, which the parser's output refers to. */
  export const transforms: Record<string, unknown>;
}
declare module 'vega-encode';
declare module 'vega-transforms';
declare module 'vega-view-transforms';
