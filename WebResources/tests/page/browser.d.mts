import type { BrowserContext } from "playwright-core";
export function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
