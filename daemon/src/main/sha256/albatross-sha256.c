/*
 * libalbatross-sha256: the SHA-256 of images (org.albatross.daemon.store.Sha256) by OpenSSL's libcrypto, which uses
 * the CPU's SHA extensions where it has them. The daemon's JVM runs C1 only, which has no intrinsic for SHA-256: its
 * own digest takes some 0.45 ms for a Solo5 guest of 80 KB, as long as the rest of the daemon's part of a create
 * before the tender starts; libcrypto takes 0.04 ms (docs/performance.md, "Session 13 (lead)").
 *
 * libcrypto is opened at run time (dlopen), not linked: the build needs no OpenSSL headers, and a host without it
 * loads this library all the same and digests in Java (linked() says which). The functions are OpenSSL's low-level
 * SHA256_Init, _Update and _Final, exported by every libcrypto since 0.9.8 (deprecated by 3.0, not removed). Their
 * context lives in the caller's byte[] between calls, so that nothing here is allocated or has to be freed.
 */
#include <dlfcn.h>
#include <jni.h>
#include <stddef.h>

/* OpenSSL's SHA256_CTX (openssl/sha.h), whose layout has not changed since it was introduced. */
typedef struct {
    unsigned int h[8];
    unsigned int Nl, Nh;
    unsigned int data[16];
    unsigned int num, md_len;
} sha256_context;

static int (*sha256_init)(sha256_context *);
static int (*sha256_update)(sha256_context *, const void *, size_t);
static int (*sha256_final)(unsigned char *, sha256_context *);

/* Debian's and most Linux distributions' libcrypto 3, the development link, FreeBSD's base system's. */
static const char *const LIBCRYPTO[] = {"libcrypto.so.3", "libcrypto.so", "libcrypto.so.30", "libcrypto.so.111"};

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void) vm;
    (void) reserved;
    for (size_t i = 0; i < sizeof LIBCRYPTO / sizeof LIBCRYPTO[0]; i++) {
        void *library = dlopen(LIBCRYPTO[i], RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) {
            continue;
        }
        *(void **) &sha256_init = dlsym(library, "SHA256_Init");
        *(void **) &sha256_update = dlsym(library, "SHA256_Update");
        *(void **) &sha256_final = dlsym(library, "SHA256_Final");
        if (sha256_init != NULL && sha256_update != NULL && sha256_final != NULL) {
            break;
        }
        sha256_init = NULL;
        sha256_update = NULL;
        sha256_final = NULL;
        dlclose(library);
    }
    return JNI_VERSION_1_8;
}

/* The context is copied in and out of the Java array: no alignment is assumed of the array's storage. */
static int context_in(JNIEnv *env, jbyteArray context, sha256_context *into) {
    if ((*env)->GetArrayLength(env, context) != (jsize) sizeof *into) {
        return 0;
    }
    (*env)->GetByteArrayRegion(env, context, 0, sizeof *into, (jbyte *) into);
    return 1;
}

static void context_out(JNIEnv *env, const sha256_context *from, jbyteArray context) {
    (*env)->SetByteArrayRegion(env, context, 0, sizeof *from, (const jbyte *) from);
}

JNIEXPORT jboolean JNICALL Java_org_albatross_daemon_store_OpenSslSha256_linked(JNIEnv *env, jclass type) {
    (void) env;
    (void) type;
    return sha256_init != NULL;
}

JNIEXPORT jint JNICALL Java_org_albatross_daemon_store_OpenSslSha256_contextSize(JNIEnv *env, jclass type) {
    (void) env;
    (void) type;
    return sizeof(sha256_context);
}

JNIEXPORT jboolean JNICALL Java_org_albatross_daemon_store_OpenSslSha256_start(JNIEnv *env, jclass type,
        jbyteArray context) {
    (void) type;
    sha256_context started;
    if (sha256_init == NULL || (*env)->GetArrayLength(env, context) != (jsize) sizeof started
            || !sha256_init(&started)) {
        return JNI_FALSE;
    }
    context_out(env, &started, context);
    return JNI_TRUE;
}

/* The caller keeps each slice small (a critical section holds off the collector) and within the array's bounds. */
JNIEXPORT jboolean JNICALL Java_org_albatross_daemon_store_OpenSslSha256_update(JNIEnv *env, jclass type,
        jbyteArray context, jbyteArray bytes, jint offset, jint length) {
    (void) type;
    sha256_context current;
    if (sha256_update == NULL || !context_in(env, context, &current)) {
        return JNI_FALSE;
    }
    jbyte *data = (*env)->GetPrimitiveArrayCritical(env, bytes, NULL);
    if (data == NULL) {
        return JNI_FALSE;
    }
    int updated = sha256_update(&current, data + offset, (size_t) length);
    (*env)->ReleasePrimitiveArrayCritical(env, bytes, data, JNI_ABORT);
    if (!updated) {
        return JNI_FALSE;
    }
    context_out(env, &current, context);
    return JNI_TRUE;
}

JNIEXPORT jboolean JNICALL Java_org_albatross_daemon_store_OpenSslSha256_finish(JNIEnv *env, jclass type,
        jbyteArray context, jbyteArray digest) {
    (void) type;
    sha256_context current;
    unsigned char out[32];
    if (sha256_final == NULL || (*env)->GetArrayLength(env, digest) != (jsize) sizeof out
            || !context_in(env, context, &current) || !sha256_final(out, &current)) {
        return JNI_FALSE;
    }
    (*env)->SetByteArrayRegion(env, digest, 0, sizeof out, (const jbyte *) out);
    return JNI_TRUE;
}
