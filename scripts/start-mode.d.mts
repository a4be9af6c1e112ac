// Types of scripts/start-mode.mjs (plain JavaScript, so that `npm start` runs without tsx).
export declare const DEPLOYMENT_SETTINGS: string[];
export declare function startMode(env: Record<string, string | undefined>): { local: boolean; reason: string };
