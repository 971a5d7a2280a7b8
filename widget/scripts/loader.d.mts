/** See loader.mjs. */
export function loaderSource(file: string): string;
