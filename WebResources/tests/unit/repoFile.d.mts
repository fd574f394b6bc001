export function readRepoFile(relative: string): string;
