// Generates the app icons from the SVG mark below. Run once after changing the design:
//   npm install --no-save sharp@0.35 && node scripts/gen-icons.mjs
// (sharp is deliberately not a dependency: the PNGs are committed under public/icons/.)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BRAND = '#0b5c63';
const ACCENT = '#ffd166';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

// A clock face with the first five minutes highlighted, around a bold "5".
const mark = `
  <circle cx="256" cy="256" r="180" fill="none" stroke="#ffffff" stroke-opacity="0.3" stroke-width="28"/>
  <path d="M256 76 A180 180 0 0 1 346 100.1" fill="none" stroke="${ACCENT}" stroke-width="28" stroke-linecap="round"/>
  <path d="M304 150 H220 L208 246 C228 232 248 228 266 229 C308 232 332 262 332 298 C332 340 298 370 256 370 C226 370 200 357 186 334"
        fill="none" stroke="#ffffff" stroke-width="44" stroke-linecap="round" stroke-linejoin="round"/>`;

/** `any`: rounded tile; `maskable`: full-bleed, mark scaled into the 80 % safe zone. */
export function iconSvg(kind) {
  const background =
    kind === 'maskable'
      ? `<rect width="512" height="512" fill="${BRAND}"/>`
      : `<rect width="512" height="512" rx="112" fill="${BRAND}"/>`;
  const content = kind === 'maskable' ? `<g transform="translate(256 256) scale(0.82) translate(-256 -256)">${mark}</g>` : mark;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${background}${content}</svg>\n`;
}

async function main() {
  const { default: sharp } = await import('sharp').catch(() => {
    console.error('sharp is not installed: run `npm install --no-save sharp@0.35` first.');
    process.exit(1);
  });
  await mkdir(join(root, 'icons'), { recursive: true });
  await writeFile(join(root, 'favicon.svg'), iconSvg('any'));
  const outputs = [
    ['icons/icon-192.png', 'any', 192],
    ['icons/icon-512.png', 'any', 512],
    ['icons/maskable-512.png', 'maskable', 512],
    ['icons/maskable-192.png', 'maskable', 192],
    ['icons/apple-touch-icon.png', 'maskable', 180],
  ];
  for (const [file, kind, size] of outputs) {
    await sharp(Buffer.from(iconSvg(kind)), { density: (72 * size) / 512 * 4 })
      .resize(size, size)
      .png({ compressionLevel: 9, palette: false })
      .toFile(join(root, file));
    console.log(`wrote public/${file}`);
  }
}

await main();
