// Absolute addresses of the service, for text a person copies or types (the
// resume address on the saved page). Only from the configured PUBLIC_URL: the
// Host header is the client's to write (issue 12, point 6). Without PUBLIC_URL
// the path alone is shown, which is true on whatever address the service has.
import type { Config } from '../config.ts';

export function publicUrl(config: Pick<Config, 'publicUrl'>, path: string): string {
  return config.publicUrl ? new URL(path, config.publicUrl).href : path;
}
