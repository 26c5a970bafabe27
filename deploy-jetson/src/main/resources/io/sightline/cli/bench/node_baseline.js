// The Node baselines of `sightline bench runtime --node-baseline DIR`: the TF.js original (tfjs-core, -converter,
// -backend-cpu) and onnxruntime-node on the ONNX graph, on the same raw float32 input as ONNX Runtime Java.
// node node_baseline.js SPEC.json; SPEC: {onnx, tfjs_model (or null), input_name, input_file, shape, threads, warmup,
// iterations, tfjs_iterations (the pure-JavaScript backend takes seconds a frame)}. Prints one JSON line: {"tfjs": {...} | {"unavailable": why}, "onnxruntime_node": {...} | {...}}, each
// with ms (every timed run), version. Packages resolve through NODE_PATH (the --node-baseline folder's node_modules).
const fs = require('fs');
const path = require('path');

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
}

function summary(ms, version) {
  const s = [...ms].sort((a, b) => a - b);
  return { version, runs: ms.length, p50_ms: percentile(s, 50), p99_ms: percentile(s, 99), mean_ms: ms.reduce((a, b) => a + b, 0) / ms.length };
}

function version(pkg) {
  try { return require(pkg + '/package.json').version; } catch (e) { return 'unknown'; }
}

async function tfjs(spec, data) {
  if (!spec.tfjs_model) return { unavailable: 'no --tfjs-model given' };
  let tf, tfconv;
  try {
    tf = require('@tensorflow/tfjs-core');
    require('@tensorflow/tfjs-backend-cpu');
    tfconv = require('@tensorflow/tfjs-converter');
  } catch (e) {
    return { unavailable: 'TF.js not installed: ' + e.message.split('\n')[0] };
  }
  const dir = path.dirname(spec.tfjs_model);
  const json = JSON.parse(fs.readFileSync(spec.tfjs_model));
  const weightSpecs = [];
  const buffers = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(buffers);
  await tf.setBackend('cpu');
  const model = await tfconv.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), format: json.format,
    generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature }));
  const input = tf.tensor(data, spec.shape, 'float32'); // the converted graph keeps the TF.js input layout
  const ms = [];
  const warmup = Math.min(spec.warmup, 1);
  for (let i = 0; i < warmup + spec.tfjs_iterations; i++) {
    const t0 = process.hrtime.bigint();
    const outs = model.execute(input);
    for (const o of [].concat(outs)) o.dataSync();
    const t = Number(process.hrtime.bigint() - t0) / 1e6;
    tf.dispose(outs);
    if (i >= warmup) ms.push(t);
  }
  return summary(ms, 'tfjs ' + version('@tensorflow/tfjs-core') + ' (cpu backend, single-threaded JavaScript)');
}

async function ortNode(spec, data) {
  let ort;
  try {
    ort = require('onnxruntime-node');
  } catch (e) {
    return { unavailable: 'onnxruntime-node not installed: ' + e.message.split('\n')[0] };
  }
  const session = await ort.InferenceSession.create(spec.onnx, { intraOpNumThreads: spec.threads, interOpNumThreads: 1,
    graphOptimizationLevel: 'all', executionProviders: ['cpu'] });
  const feeds = { [spec.input_name]: new ort.Tensor('float32', data, spec.shape) };
  const ms = [];
  for (let i = 0; i < spec.warmup + spec.iterations; i++) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    const t = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i >= spec.warmup) ms.push(t);
  }
  return summary(ms, 'onnxruntime-node ' + version('onnxruntime-node') + ' (CPU, intra-op threads ' + spec.threads + ')');
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]));
  const raw = fs.readFileSync(spec.input_file);
  const data = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const out = {};
  for (const [name, run] of [['tfjs', tfjs], ['onnxruntime_node', ortNode]]) {
    try { out[name] = await run(spec, data); } catch (e) { out[name] = { unavailable: 'failed: ' + String(e.message || e).split('\n')[0] }; }
  }
  console.log(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
