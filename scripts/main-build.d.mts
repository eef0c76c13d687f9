import type { BuildOptions } from 'esbuild';

export declare const mainBuildOptions: BuildOptions & { entryPoints: Record<string, string>; outdir: string };
