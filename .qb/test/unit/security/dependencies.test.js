/**
 * Finding 11: the framework's SDK pulled in request@2.88.2, form-data@2.3.3, tough-cookie@2.5.0 and
 * jsonwebtoken@8.5.1, all with published vulnerabilities. npm `overrides` move them; this reads the lock file so a
 * dependency update can't quietly bring them back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
/** [package, first fixed version] */
const FIXED = [
    ['form-data', '2.5.4'],
    ['tough-cookie', '4.1.3'],
    ['jsonwebtoken', '9.0.0'],
];
const semver = (v) => v.split('.').map((n) => Number.parseInt(n, 10));
const atLeast = (v, min) => {
    const [a, b] = [semver(v), semver(min)];
    for (let i = 0; i < 3; i++)
        if ((a[i] ?? 0) !== (b[i] ?? 0))
            return (a[i] ?? 0) > (b[i] ?? 0);
    return true;
};
function installed(name) {
    return Object.entries(lock.packages)
        .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
        .map(([path, e]) => [path, e.version ?? '?']);
}
describe('known-vulnerable transitive packages (finding 11)', () => {
    for (const [name, fixed] of FIXED) {
        it(`when the tree is installed, then every ${name} is ${fixed} or newer`, () => {
            for (const [path, version] of installed(name))
                assert.ok(atLeast(version, fixed), `${path}@${version}`);
        });
    }
    it('when the tree is installed, then the unmaintained request package is replaced by @cypress/request', () => {
        for (const [path] of installed('request')) {
            assert.equal(lock.packages[path]?.name, '@cypress/request', path);
        }
    });
});
//# sourceMappingURL=dependencies.test.js.map