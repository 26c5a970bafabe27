// Reads an MCAP file with the official TypeScript reader (@mcap/core) twice: indexed (summary, chunk indexes,
// message indexes, CRCs) and streamed (every record front to back, CRCs), and prints what it found as JSON.
const fs = require("fs");
const { McapIndexedReader, McapStreamReader } = require("@mcap/core");

async function main(file) {
  const fd = fs.openSync(file, "r");
  const readable = {
    size: async () => BigInt(fs.fstatSync(fd).size),
    read: async (offset, length) => {
      const buf = Buffer.alloc(Number(length));
      fs.readSync(fd, buf, 0, Number(length), Number(offset));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
  };
  const reader = await McapIndexedReader.Initialize({ readable });
  const counts = {};
  for await (const m of reader.readMessages({ validateCrcs: true })) {
    const topic = reader.channelsById.get(m.channelId).topic;
    counts[topic] = (counts[topic] || 0) + 1;
  }
  const stream = new McapStreamReader({ validateCrcs: true });
  stream.append(fs.readFileSync(file));
  const streamed = {};
  const channels = new Map();
  let record;
  let footer = false;
  while ((record = stream.nextRecord())) {
    if (record.type === "Channel") channels.set(record.id, record.topic);
    if (record.type === "Message") {
      const t = channels.get(record.channelId);
      streamed[t] = (streamed[t] || 0) + 1;
    }
    if (record.type === "Footer") footer = true;
  }
  const out = {
    library: reader.header.library,
    schemas: [...reader.schemasById.values()].map((s) => ({ id: s.id, name: s.name, encoding: s.encoding, size: s.data.length })),
    channels: [...reader.channelsById.values()].map((c) => ({ id: c.id, topic: c.topic, schemaId: c.schemaId, messageEncoding: c.messageEncoding })),
    chunkIndexes: reader.chunkIndexes.length,
    statistics: reader.statistics ? {
      messageCount: Number(reader.statistics.messageCount),
      channelMessageCounts: Object.fromEntries([...reader.statistics.channelMessageCounts].map(([k, v]) => [k, Number(v)])),
    } : null,
    indexedCounts: counts,
    streamedCounts: streamed,
    streamDone: stream.done(),
    footer,
  };
  console.log(JSON.stringify(out));
}

main(process.argv[2]).catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
