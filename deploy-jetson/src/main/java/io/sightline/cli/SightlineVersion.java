package io.sightline.cli;

import picocli.CommandLine;

/** Version from the jar manifest (falls back to "dev" when run from classes). */
final class SightlineVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SightlineCli.class.getPackage().getImplementationVersion();
        return new String[] {"sightline " + (v == null ? "dev" : v),
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
