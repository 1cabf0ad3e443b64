export declare const FOLDER_PREFIX: Record<"rules" | "config" | "policies", string>;
export declare function folderGlobs(mutate: string[], folder: string): string[];
