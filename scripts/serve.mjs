// A small static file server for the page, the examples and the browser tests: the right
// MIME types (application/wasm included), no directory listings, nothing outside its root.
//
//   node scripts/serve.mjs [dir] [--port 8080] [--host 127.0.0.1] [--prefix /some/path/]
//
// PORT in the environment overrides the default port. `--prefix` serves the folder under
// a sub-path, to show that nothing depends on being served from "/".
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * Starts serving `root`. Resolves to { server, url } once listening.
 * @param {{ root: string, port?: number, host?: string, prefix?: string, headers?: Record<string, string> }} options
 */
export function startServer({ root, port = 0, host = "127.0.0.1", prefix = "/", headers = {} }) {
  const base = resolve(root);
  const mount = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      if (!path.startsWith(mount)) return send(response, 404, "not found");
      let file = normalize(join(base, path.slice(mount.length)));
      if (file !== base && !file.startsWith(base + sep)) return send(response, 403, "forbidden");
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(response, 404, "not found");
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
        ...headers,
      });
      response.end(request.method === "HEAD" ? undefined : body);
    } catch {
      send(response, 400, "bad request");
    }
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const address = server.address();
      done({ server, url: `http://${host}:${address.port}${mount}` });
    });
  });
}

function send(response, status, text) {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  response.end(text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args.splice(at, 2)[1] : fallback;
  };
  const port = Number(option("port", process.env.PORT ?? 8080));
  const host = option("host", "127.0.0.1");
  const prefix = option("prefix", "/");
  const root = args[0] ?? "dist/www";
  const { url } = await startServer({ root, port, host, prefix });
  console.log(`Serving ${root} at ${url} (Ctrl-C stops)`);
}
