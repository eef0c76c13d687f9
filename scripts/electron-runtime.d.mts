export declare function electronPackageDir(root: string): string | null;
export declare function findElectronRuntime(root: string, env?: NodeJS.ProcessEnv): { binary: string; version: string } | null;
export declare function electronNativeDir(root: string): string;
export declare function fetchElectronSqlite(root: string, electronVersion: string, options?: { force?: boolean }): string | null;
