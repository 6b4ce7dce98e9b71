/**
 * Reading Solo5 images in Java: the ABI and manifest notes of an ELF file, and zlib-compressed images.
 * Pure functions over bytes.
 */
package org.albatross.vmm.solo5;
