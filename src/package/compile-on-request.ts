/**
 * CSS middlewares that compile stylesheets on request and write the result beside their sources
 * (express-generator's `--css=less|stylus|sass`: `lessMiddleware(path.join(__dirname, 'public'))`)
 * work under `node` but answer 500 on Lambda, whose code folder is read-only: the first request for
 * the CSS fails with EROFS. zap cannot change where they write, so packaging stops and says what to
 * do, unless the file sends their output to the temp folder.
 */
const WRITERS: { pkg: string; fix: string }[] = [
  { pkg: 'less-middleware', fix: 'compile the CSS before deploying (npx lessc public/stylesheets/style.less public/stylesheets/style.css) and remove the middleware' },
  { pkg: 'stylus', fix: 'compile the CSS before deploying (npx stylus public/stylesheets) and remove stylus.middleware' },
  { pkg: 'node-sass-middleware', fix: 'compile the CSS before deploying (npx sass public/stylesheets) and remove the middleware' },
  { pkg: 'sass-middleware', fix: 'compile the CSS before deploying (npx sass public/stylesheets) and remove the middleware' },
];

const USES = (pkg: string) => new RegExp(`require\\(\\s*['"]${pkg.replace(/[-]/g, '\\-')}['"]\\s*\\)|from\\s+['"]${pkg}['"]`);
const MIDDLEWARE_CALL = /[Mm]iddleware\s*\(/;
const TO_TEMP = /tmpdir\(\)|['"`]\/tmp\b/;

/** One message per project file that mounts such a middleware writing into the code folder. */
export function compileOnRequestProblems(texts: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of texts) {
    if (!MIDDLEWARE_CALL.test(text) || TO_TEMP.test(text)) continue;
    const w = WRITERS.find((x) => USES(x.pkg).test(text));
    if (w) {
      out.push(`${file} uses ${w.pkg}, which writes compiled CSS into the code folder on request, and Lambda's code folder is read-only (the CSS would answer 500): ${w.fix}`);
    }
  }
  return out;
}
