// The official `openai` npm client against /v1/chat/completions.  usage: node chat_check.js BASE_URL API_KEY EXPRESSION
// Prints one JSON line per call: the completion (or the error's status and message).
const OpenAI = require("openai");

(async () => {
  const [baseURL, apiKey, expression] = process.argv.slice(2);
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30000 });
  const out = {};
  out.ground = await client.chat.completions.create({ model: "sightline", messages: [
    { role: "system", content: "You answer about the robot's camera." },
    { role: "user", content: expression + " on camera front" }] });
  out.detect = await client.chat.completions.create({ model: "sightline",
    messages: [{ role: "user", content: [{ type: "text", text: "detect the objects in the latest frame of camera front" }] }] });
  out.describe = await client.chat.completions.create({ model: "sightline", messages: [{ role: "user", content: "describe the scene" }] });
  for (const [name, body] of [
    ["stream", { model: "sightline", stream: true, messages: [{ role: "user", content: "the red cup" }] }],
    ["image", { model: "sightline", messages: [{ role: "user", content: [{ type: "text", text: "the red cup" },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] }] }],
    ["camera", { model: "sightline", messages: [{ role: "user", content: "the red cup on camera nosuch" }] }],
    ["oversized", { model: "sightline", messages: [{ role: "user", content: "x".repeat(100 * 1024) }] }]]) {
    try {
      const r = await client.chat.completions.create(body);
      out[name] = { unexpected: true, body: r };
    } catch (e) {
      out[name] = { status: e.status, message: e.message, type: e.type, code: e.code };
    }
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(String(e && e.stack || e)); process.exit(1); });
