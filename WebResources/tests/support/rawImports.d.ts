// Vite's "?raw" imports (a file's text as the module's default export), as the unit tests read the HTML pages.
declare module "*?raw" {
  const text: string;
  export default text;
}
