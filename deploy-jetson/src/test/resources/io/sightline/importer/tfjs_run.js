// Runs a TF.js graph model with the CPU backend on raw float32 inputs; used by TfjsParityTest.
// node tfjs_run.js MODEL_DIR MODEL_JSON INPUT_SHAPE(csv) OUT_DIR OUTPUT_NAMES(csv) INPUT.f32...
// writes OUT_DIR/<input base>.<output name with ':' as '_'>.f32 and prints ms per run on stdout as JSON.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfconv = require('@tensorflow/tfjs-converter');

async function main() {
  const [dir, jsonName, shapeCsv, outDir, namesCsv, ...inputs] = process.argv.slice(2);
  const json = JSON.parse(fs.readFileSync(path.join(dir, jsonName)));
  const weightSpecs = [];
  const buffers = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  await tf.setBackend('cpu');
  const model = await tfconv.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs, weightData, format: json.format,
    generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature }));
  const shape = shapeCsv.split(',').map(Number);
  const names = namesCsv.split(',');
  const times = [];
  for (const file of inputs) {
    const raw = fs.readFileSync(file);
    const data = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const x = tf.tensor(data, shape, 'float32');
    const t0 = process.hrtime.bigint();
    const outs = model.execute(x, names);
    const values = [];
    for (const o of outs) values.push(o.dataSync());
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    names.forEach((n, i) => {
      const v = values[i];
      fs.writeFileSync(path.join(outDir, path.basename(file) + '.' + n.replace(':', '_') + '.f32'),
        Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    });
    tf.dispose([x, ...outs]);
  }
  console.log(JSON.stringify({ ms: times }));
}
main().catch((e) => { console.error(e); process.exit(1); });
