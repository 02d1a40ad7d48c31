#!/usr/bin/env bash
# The "done means" check of issue 13, as a new user would do it (not part of `npm test`: it installs from the
# registry and takes a few minutes): `cdk8s init typescript-app`, install the packed tarball, paste the README's
# main.ts, `cdk8s synth` with cdk8s-plus-33 (what init installs), then again with cdk8s-plus-28.
#
#   bash scripts/try-as-user.sh [WORKDIR]      (after `npx projen build`, or with a compiled tree: it runs npm pack)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
mkdir -p "$WORK"
CLI="$ROOT/node_modules/.bin/cdk8s"
step() { printf '\n== %s\n' "$*"; }

step "pack $ROOT"
TGZ="$(cd "$ROOT" && npm pack --silent --pack-destination "$WORK" | tail -1)"
TGZ="$WORK/$TGZ"
ls -l "$TGZ"

step "cdk8s init typescript-app ($("$CLI" --version))"
APP="$WORK/app"
rm -rf "$APP" && mkdir -p "$APP" && cd "$APP"
"$CLI" init typescript-app > "$WORK/init.log" 2>&1 || echo "cdk8s init exited $? (offline its final 'cdk8s import' fails; see $WORK/init.log)"
test -f main.ts && test -f cdk8s.yaml
node -e 'const p=require("./package.json"); console.log("init installed:", Object.entries({...p.dependencies, ...p.devDependencies}).filter(([k]) => /^(cdk8s|cdk8s-plus-\d+|typescript|constructs)$/.test(k)).map(([k, v]) => k + "@" + v).join(" "))'

step "npm install the tarball"
npm install --no-audit --no-fund "$TGZ" > "$WORK/install.log" 2>&1 || { tail -20 "$WORK/install.log"; exit 1; }

step "the thin API objects are the k8s submodule of the installed package"
node -e 'const { k8s } = require("cdk8s-macvlan"); for (const c of ["NetworkAttachmentDefinition", "SpiderIpPool", "SpiderMultusConfig", "SpiderReservedIp", "NodeNetworkConfigurationPolicy"]) if (typeof k8s[c] !== "function") throw new Error("k8s." + c + " missing"); console.log("k8s:", Object.keys(k8s).join(", "))'

step "paste the README's main.ts"
node -e '
const readme = require("fs").readFileSync(process.argv[1], "utf8");
const i = readme.indexOf("<!-- readme-example: main.ts -->");
if (i < 0) throw new Error("README has no <!-- readme-example: main.ts --> block");
const m = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(i));
require("fs").writeFileSync("main.ts", m[1] + "\n");
' "$ROOT/README.md"

synth() {
  rm -rf dist
  "$CLI" synth > "$WORK/synth-$1.log" 2>&1 || { cat "$WORK/synth-$1.log"; echo "cdk8s synth failed with $1"; exit 1; }
  grep -q 'v1.multus-cni.io/default-network: kube-system/macvlan-standalone-vlan0' dist/underlay.k8s.yaml
  grep -q 'kind: NetworkAttachmentDefinition' dist/underlay.k8s.yaml
  grep -q 'kind: SpiderIPPool' dist/underlay.k8s.yaml
  echo "cdk8s synth with $1: ok ($(grep -c '^kind:' dist/underlay.k8s.yaml) objects in dist/underlay.k8s.yaml)"
  cp dist/underlay.k8s.yaml "$WORK/underlay-$1.k8s.yaml"
}
step "cdk8s synth (cdk8s-plus-33)"
synth cdk8s-plus-33

step "the same with cdk8s-plus-28"
sed -i "s/from 'cdk8s-plus-33'/from 'cdk8s-plus-28'/" main.ts
npm install --no-audit --no-fund cdk8s-plus-28 > "$WORK/install-28.log" 2>&1
synth cdk8s-plus-28

step "done: $WORK"
