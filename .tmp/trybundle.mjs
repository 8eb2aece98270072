import { build } from 'esbuild';
const r = await build({ entryPoints: ['cloudfunctions/circle/src/index.ts'], outfile: '/tmp/bundle/circle/index.js', bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: true, metafile: true, logLevel: 'warning' });
const inputs = Object.entries(Object.values(r.metafile.outputs)[0].inputs).map(([k,v])=>[k.split('node_modules/').pop().split('/').slice(0,2).join('/'), v.bytesInOutput]);
const by = {}; for (const [k,b] of inputs) by[k]=(by[k]||0)+b;
console.log(Object.entries(by).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,b])=>`${(b/1024).toFixed(0)}K ${k}`).join('\n'));
