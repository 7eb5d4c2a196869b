// ejs 7 ships no type declarations; these cover the part of its API this project uses.
declare module 'ejs' {
  interface CompileOptions {
    filename?: string;
    rmWhitespace?: boolean;
    /** Use the data object as given instead of a null-prototype copy of it. */
    unsafePrototypeLocals?: boolean;
    /** What `<%= %>` escapes its output with. */
    escape?: (value: unknown) => string;
  }
  interface RenderOptions {
    cache?: boolean;
  }
  interface Ejs {
    /** The reference server in bench/ renders as an express app usually does. */
    renderFile(path: string, data: Readonly<Record<string, unknown>>, options?: RenderOptions): Promise<string>;
    compile(source: string, options?: CompileOptions): (data: Readonly<Record<string, unknown>>) => string;
  }
  const ejs: Ejs;
  export default ejs;
}
