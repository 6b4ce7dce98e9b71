package org.albatross.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.albatross.protocol.Octets;

/**
 * A builder-web repository (robur's {@code builds.robur.coop} by default), asked as albatross's {@code update} asks
 * it: {@code /hash?sha256=} and {@code /job/JOB/build/latest} answer with a redirect to a build, a build's
 * {@code main-binary} redirects to the file. Redirects are read, not followed blindly; every answer must come within
 * the timeout; a failure is a {@link ClientFailure} with albatross's HTTP exit code and one line.
 */
final class BuilderWeb {
    static final String DEFAULT_REPOSITORY = "https://builds.robur.coop";

    private final URI repository;
    private final Duration timeout;
    private final HttpClient http;

    BuilderWeb(URI repository, Duration timeout) {
        String text = repository.toString();
        this.repository = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    String url(String path) {
        return repository + path;
    }

    /** The build that made the image of this SHA-256, if the repository knows it. */
    Optional<Build> buildOf(Octets sha256) {
        HttpResponse<Void> answer = get(Build.hashPath(sha256.toHex()), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(Build.ofLocation(location(answer)));
    }

    /** The latest successful build of {@code job}. */
    Build latest(String job) {
        HttpResponse<Void> answer = get(Build.latestPath(job), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 404) {
            throw failure("the repository has no successful build of " + job);
        }
        return Build.ofLocation(location(answer));
    }

    /**
     * The main binary of {@code build}, whole (its length as the answer declares it), at most {@code maxBytes}, within
     * the timeout (headers and body: a repository that stops sending is given up like one that never answers); with
     * the SHA-256 the repository states for it in the file's ETag (builder-web's: the digest in base64), if any.
     */
    Download mainBinary(Build build, long maxBytes) {
        HttpResponse<Void> redirect = get(build.mainBinaryPath(), HttpResponse.BodyHandlers.discarding());
        if (redirect.statusCode() == 404) {
            throw failure("build " + build.uuid() + " of " + build.job() + " has no main binary");
        }
        String file = location(redirect);
        String path = file.startsWith("/") ? file : URI.create(file).getRawPath();
        CappedBody body = new CappedBody(maxBytes);
        HttpResponse<byte[]> answer;
        try {
            answer = http.sendAsync(request(path), info -> body.of(info))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(build, path, body);
        } catch (ExecutionException e) {
            // the request's own timeout and the wait above are the same length: either may end it first
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(build, path, body);
            }
            throw failure("the main binary of build " + build.uuid() + " did not arrive whole: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while fetching " + url(path));
        }
        if (answer.statusCode() != 200) {
            throw failure("unexpected HTTP reply " + answer.statusCode() + " for " + file);
        }
        byte[] image = answer.body();
        Optional<Octets> stated = answer.headers().firstValue("etag").map(BuilderWeb::etagDigest);
        return new Download(image, ImageDigest.of(image), stated);
    }

    private ClientFailure timedOut(Build build, String path, CappedBody body) {
        return body.started() ? failure("the main binary of build " + build.uuid() + " did not arrive whole within "
                + timeout.toSeconds() + " s: " + body.received() + " of " + body.declared() + " bytes")
                : notAnswered(path);
    }

    private ClientFailure notAnswered(String path) {
        return failure("the repository did not answer " + url(path) + " within " + timeout.toSeconds() + " s");
    }

    /** An image fetched, the SHA-256 of what arrived, and the one the repository states in the ETag if any. */
    record Download(byte[] image, Octets sha256, Optional<Octets> stated) {
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(timeout).GET().build();
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request(path), body);
        } catch (HttpTimeoutException e) {
            throw notAnswered(path);
        } catch (IOException e) {
            throw failure("cannot reach the repository at " + url(path) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while asking " + url(path));
        }
    }

    private static String location(HttpResponse<?> answer) {
        int status = answer.statusCode();
        if (status < 300 || status > 399) {
            throw failure("unexpected HTTP reply " + status + " for " + answer.uri() + ", expected a redirect");
        }
        return answer.headers().firstValue("location").orElseThrow(
                () -> failure("no Location header received in HTTP reply for " + answer.uri()));
    }

    /** builder-web's ETag of a file: its SHA-256 in base64, possibly quoted. */
    private static Octets etagDigest(String etag) {
        String bare = etag.replaceFirst("^W/", "").replace("\"", "");
        try {
            byte[] digest = Base64.getDecoder().decode(bare);
            return digest.length == 32 ? Octets.of(digest) : Octets.EMPTY;
        } catch (IllegalArgumentException notBase64) {
            return Octets.EMPTY;
        }
    }

    static ClientFailure failure(String message) {
        return new ClientFailure(ExitCode.HTTP_ERROR, message);
    }
}
