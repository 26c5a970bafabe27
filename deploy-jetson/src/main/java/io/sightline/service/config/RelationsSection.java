package io.sightline.service.config;

import io.sightline.transport.config.ConfigException;

/**
 * The {@code relations} section: which pairs of confirmed objects the scene's relations speak about.
 *
 * @param neighbours each object is related to this many nearest others (a pair is kept when either is among the
 *                   other's nearest), so a planner gets at most objects x neighbours pairs instead of every pair
 */
public record RelationsSection(int neighbours) {
    public RelationsSection {
        if (neighbours < 1) {
            throw new ConfigException("relations.neighbours: " + neighbours + " must be at least 1");
        }
    }
}
