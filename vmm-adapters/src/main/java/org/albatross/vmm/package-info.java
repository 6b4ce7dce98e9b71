/** VMM adapters, the Solo5 image reader, taps and bridges, CPU pinning. */
package org.albatross.vmm;
