/** Builds dist/server/ from src/ now. */
export function buildServerBundle(): Promise<void>;
/** The bundle's file URL, rebuilt first when a source is newer; null when it cannot be built (run the sources through tsx). */
export function serverBundle(): Promise<string | null>;
