// ECharts ships types for its bundles only; these are the per-feature installers its bundles use.
type EChartsInstaller = Exclude<Parameters<typeof import('echarts/core').use>[0], unknown[]>;

declare module 'echarts/lib/chart/bar/install.js' {
  export const install: EChartsInstaller;
}
declare module 'echarts/lib/component/grid/installSimple.js' {
  export const install: EChartsInstaller;
}
declare module 'echarts/lib/component/title/install.js' {
  export const install: EChartsInstaller;
}
declare module 'echarts/lib/renderer/installSVGRenderer.js' {
  export const install: EChartsInstaller;
}
