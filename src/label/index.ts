// Labels (ZPL): templates, printer status, printers, print jobs. Node only (printer.ts opens sockets
// and files; preview.ts renders PNGs); the renderer imports symbols.ts and preview-canvas.ts directly.
export * from './symbols';
export * from './zpl-template';
export * from './config';
export * from './host-status';
export * from './printer';
export * from './print-job';
export { symbolPng, labelPreviewPngs, type PngOptions } from './preview';
