// ejs 7 ships no type declarations; these cover the part of its API this project uses.
declare module 'ejs' {
  interface RenderOptions {
    cache?: boolean;
    rmWhitespace?: boolean;
    async?: false;
  }
  interface Ejs {
    renderFile(path: string, data: Readonly<Record<string, unknown>>, options?: RenderOptions): Promise<string>;
  }
  const ejs: Ejs;
  export default ejs;
}
