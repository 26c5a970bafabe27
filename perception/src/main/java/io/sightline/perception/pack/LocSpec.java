package io.sightline.perception.pack;

/**
 * Location tokens of the answer grammar: {@code bins} tokens {@code <loc0000>..} with consecutive ids from
 * {@code firstTokenId}; a coordinate v in 0..1 is bin {@code min(bins-1, floor(v*bins))}, decoded at the bin centre.
 */
public record LocSpec(int bins, int firstTokenId) {
    public boolean isLoc(long tokenId) {
        return tokenId >= firstTokenId && tokenId < firstTokenId + bins;
    }
}
