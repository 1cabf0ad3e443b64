export declare const FOLDERS: string[];
export declare const TARGET_PERCENT: number;
export declare function folderScores(report: { files: Record<string, { mutants: { status: string }[] }> }): { folder: string; counts: Record<string, number>; score: string | undefined }[];
export declare function scoreSentence(folder: { folder: string; counts: Record<string, number>; score: string | undefined }): string;
export declare function unscoredMutants(report: { files: Record<string, { source: string; mutants: unknown[] }> }): Promise<Record<string, number>>;
export declare function scoreLines(report: { files: Record<string, { mutants: { status: string }[] }> }, unscored: Record<string, number>): string[];
