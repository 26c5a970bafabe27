package io.sightline.perception.language;

import io.sightline.perception.pack.PackException;
import io.sightline.perception.pack.PackGraph;
import io.sightline.perception.pack.PackManifest;
import io.sightline.perception.pack.PackTensor;
import io.sightline.runtime.ElementType;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder graph's tensor names by role, taken from the manifest's (session-checked) tensor list rather than
 * from constants: the float rank-3 input is the embeddings, the rank-4 inputs are the past keys/values in
 * manifest order and each pairs with the output of the same name under {@code present.} (Optimum's convention),
 * the float rank-3 output is the logits.
 */
record DecoderTensors(String embedsInput, String maskInput, String positionsInput, List<String> pastInputs,
                      List<String> presentOutputs, String logitsOutput, String idsInput, String embedsOutput) {

    static DecoderTensors of(PackManifest manifest) {
        PackGraph dec = manifest.graph(PackManifest.DECODER);
        PackGraph emb = manifest.graph(PackManifest.EMBED_TOKENS);
        String embeds = single(dec.inputs(), ElementType.FLOAT32, 3, dec.file(), "inputs_embeds");
        String mask = named(dec.inputs(), "attention_mask", dec.file());
        String positions = named(dec.inputs(), "position_ids", dec.file());
        List<String> past = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (PackTensor t : dec.inputs()) {
            if (t.rank() == 4) {
                past.add(t.name());
                String want = t.name().replace("past_key_values.", "present.");
                boolean found = dec.outputs().stream().anyMatch(o -> o.name().equals(want));
                if (!found) {
                    throw new PackException("manifest.json", "decoder past input '" + t.name() + "' has no matching output '"
                        + want + "' in " + dec.file());
                }
                present.add(want);
            }
        }
        if (past.size() != 2 * manifest.requireLanguage().decoder().layers()) {
            throw new PackException("manifest.json", dec.file() + " lists " + past.size() + " past tensors, decoder.layers = "
                + manifest.requireLanguage().decoder().layers() + " needs " + 2 * manifest.requireLanguage().decoder().layers());
        }
        String logits = single(dec.outputs(), ElementType.FLOAT32, 3, dec.file(), "logits");
        String ids = single(emb.inputs(), ElementType.INT64, 2, emb.file(), "input_ids");
        String embOut = single(emb.outputs(), ElementType.FLOAT32, 3, emb.file(), "inputs_embeds");
        return new DecoderTensors(embeds, mask, positions, past, present, logits, ids, embOut);
    }

    private static String single(List<PackTensor> tensors, ElementType type, int rank, String file, String role) {
        List<String> hits = tensors.stream().filter(t -> t.type() == type && t.rank() == rank).map(PackTensor::name).toList();
        if (hits.size() != 1) {
            throw new PackException("manifest.json", file + ": expected exactly one " + type + " rank-" + rank + " tensor ("
                + role + "), found " + hits);
        }
        return hits.get(0);
    }

    private static String named(List<PackTensor> tensors, String name, String file) {
        return tensors.stream().map(PackTensor::name).filter(name::equals).findFirst().orElseThrow(() ->
            new PackException("manifest.json", file + ": input '" + name + "' not listed; has "
                + tensors.stream().map(PackTensor::name).toList()));
    }
}
