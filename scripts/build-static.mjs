// SPDX-License-Identifier: EUPL-1.2
//
// Copies the pinned front-end packages from node_modules into Django's static files, so the app serves
// every asset itself (strict CSP, no CDN, works offline). The target directory is generated and
// git-ignored; it is rebuilt from scratch on every run so a removed asset cannot linger.
// Pure Node: no dependencies beyond the packages being copied.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nodeModules = join(root, 'node_modules');
const vendorDir = join(root, 'src', 'weerbaar', 'static', 'vendor');

// Each package: the files to copy (source relative to the package, target relative to vendorDir).
// Licence texts travel with the code they cover. leaflet.js ends in a sourceMappingURL comment, so the map
// is copied too: Django's ManifestStaticFilesStorage rewrites that reference and fails on a missing file.
const packages = [
  {
    name: '@utrecht/component-library-css',
    files: [
      ['dist/index.css', 'utrecht/index.css'],
      ['LICENSE.md', 'utrecht/LICENSE.md'],
    ],
  },
  {
    name: 'htmx.org',
    files: [
      ['dist/htmx.min.js', 'htmx/htmx.min.js'],
      ['LICENSE', 'htmx/LICENSE'],
    ],
  },
  {
    name: 'leaflet',
    files: [
      ['dist/leaflet.js', 'leaflet/leaflet.js'],
      ['dist/leaflet.js.map', 'leaflet/leaflet.js.map'],
      ['dist/leaflet.css', 'leaflet/leaflet.css'],
      ['dist/images', 'leaflet/images'],
      ['LICENSE', 'leaflet/LICENSE'],
    ],
  },
  {
    name: 'axe-core',
    files: [
      ['axe.min.js', 'axe-core/axe.min.js'],
      ['LICENSE', 'axe-core/LICENSE'],
      ['LICENSE-3RD-PARTY.txt', 'axe-core/LICENSE-3RD-PARTY.txt'],
    ],
  },
  {
    name: 'cytoscape',
    files: [
      ['dist/cytoscape.min.js', 'cytoscape/cytoscape.min.js'],
      ['LICENSE', 'cytoscape/LICENSE'],
    ],
  },
];

class BuildError extends Error {}

function requireExists(path, what) {
  if (!existsSync(path)) {
    throw new BuildError(`${what} not found: ${relative(root, path)} (did you run "npm ci"?)`);
  }
}

// Copies a file, or every regular file directly inside a directory (Leaflet's images/ is flat).
// An empty source directory counts as missing.
function copyEntry(source, target) {
  if (statSync(source).isDirectory()) {
    const names = readdirSync(source).filter((name) => statSync(join(source, name)).isFile());
    if (names.length === 0) throw new BuildError(`source directory is empty: ${relative(root, source)}`);
    mkdirSync(target, { recursive: true });
    return names.map((name) => copyEntry(join(source, name), join(target, name))).flat();
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  return [target];
}

function build() {
  requireExists(nodeModules, 'node_modules');

  // Check every source before touching the output, so a failed build leaves the old tree intact.
  const plan = packages.map(({ name, files }) => {
    const packageDir = join(nodeModules, ...name.split('/'));
    const packageJsonPath = join(packageDir, 'package.json');
    requireExists(packageJsonPath, `package ${name}`);
    const meta = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
    for (const [source] of files) requireExists(join(packageDir, source), `${name} file`);
    return { name, meta, packageDir, files };
  });

  rmSync(vendorDir, { recursive: true, force: true });
  mkdirSync(vendorDir, { recursive: true });

  const manifest = { generatedBy: 'scripts/build-static.mjs', packages: [] };
  for (const { name, meta, packageDir, files } of plan) {
    const copied = files
      .flatMap(([source, target]) => copyEntry(join(packageDir, source), join(vendorDir, target)))
      .map((path) => relative(vendorDir, path).split('\\').join('/'))
      .sort();
    manifest.packages.push({
      name,
      version: meta.version,
      license: meta.license ?? null,
      homepage: meta.homepage ?? null,
      files: copied,
    });
    console.log(`vendor: ${name}@${meta.version} (${meta.license}) -> ${copied.length} file(s)`);
  }
  writeFileSync(join(vendorDir, 'MANIFEST.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`vendor: wrote ${relative(root, join(vendorDir, 'MANIFEST.json'))}`);
}

try {
  build();
} catch (error) {
  console.error(`build-static: FAILED: ${error.message}`);
  process.exit(1);
}
