/**
 * Model packs (ARCHITECTURE.md section 4): {@link io.sightline.perception.pack.ModelPack#load} reads
 * {@code manifest.json} into a {@link io.sightline.perception.pack.PackManifest}, checks the sha256 of every listed
 * file and the tensors of every graph against its opened session, and refuses a bad pack with a
 * {@link io.sightline.perception.pack.PackException} that names the file and the mismatch.
 */
package io.sightline.perception.pack;
