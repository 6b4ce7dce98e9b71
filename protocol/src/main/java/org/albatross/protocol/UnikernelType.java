package org.albatross.protocol;

/** The kind of virtual machine monitor a unikernel needs. */
public enum UnikernelType {
    SOLO5,
    BHYVE
}
