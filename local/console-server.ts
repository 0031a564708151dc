/**
 * Serves the built console (admin-ui/dist) the way CloudFront serves it from S3: static files, index.html for
 * client-side routes, and a config.json that tells the console where the API is.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export function consoleDistFolder(repositoryRoot: string): string {
  return resolve(repositoryRoot, 'admin-ui', 'dist');
}

export async function startConsoleServer(options: { distFolder: string; port: number; config: { apiUrl: string; auth: Record<string, string> }; host?: string }) {
  const host = options.host ?? '127.0.0.1';
  const root = resolve(options.distFolder);
  const config = JSON.stringify(options.config);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://console');
    if (url.pathname === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(config);
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, relative);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The console is not built: run `npm run build:ui`.');
      return;
    }
    response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(options.port, host, r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://${host}:${port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
