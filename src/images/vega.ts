import { transforms } from 'vega-dataflow';
import * as encodeTransforms from 'vega-encode';
import * as dataTransforms from 'vega-transforms';
import * as viewTransforms from 'vega-view-transforms';

// The Vega packages a chart is drawn with, instead of the `vega` umbrella: that one also ships three
// whole browser builds and the geo, force, tree, regression, Voronoi, word cloud and crossfilter
// transforms, about 7 MB of the production install that no chart here uses. The umbrella's only work
// besides re-exporting is this registration, so the parser finds the transforms a spec compiles to.
// The packages are pinned to one release line (~) so they all share this one vega-dataflow registry.
Object.assign(transforms, dataTransforms, viewTransforms, encodeTransforms);

export { parse } from 'vega-parser';
export { View } from 'vega-view';
