package org.termsguard.ingest.verification;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What forward-confirmed reverse DNS found for one address: its PTR names, and the forward (A/AAAA) answers of those
 * worth asking about. It is evidence as found, judged later against a source's host names ({@link #judge}).
 *
 * @param address the address asked about, canonical
 * @param pointerNames its PTR names, lower case without the final dot
 * @param forward for each PTR name looked up forward, its addresses, canonical
 * @param complete false when a lookup timed out or failed, so the answer may lack names or addresses
 * @param problem what went wrong when not complete; null otherwise
 */
public record ReverseDnsAnswer(
        String address,
        List<String> pointerNames,
        Map<String, List<String>> forward,
        boolean complete,
        String problem) {

    public ReverseDnsAnswer {
        Objects.requireNonNull(address, "address");
        pointerNames = List.copyOf(pointerNames);
        forward = Map.copyOf(forward);
    }

    /** What the answer says about a source's host names. */
    public enum Result {
        /** A PTR name under the suffixes resolves forward to the address. */
        CONFIRMED,
        /** A PTR name is under the suffixes but its forward lookup does not hold the address: someone set a PTR. */
        SPOOFED,
        /** No PTR name is under the suffixes (or there is none): the address is not one of the operator's hosts. */
        OUTSIDE,
        /** The lookups did not finish, so nothing can be said. */
        INCOMPLETE
    }

    /**
     * @param result what the answer says
     * @param name the PTR name it rests on (confirmed or spoofed); null otherwise
     * @param reason one sentence for the verdict's reasons
     */
    public record Judgment(Result result, String name, String reason) {}

    /** Judges the answer against {@code suffixes}, lower case without leading dots (as {@link VerificationSource} keeps them). */
    public Judgment judge(List<String> suffixes) {
        String spoofed = null;
        boolean unknown = false;
        for (String name : pointerNames) {
            if (!under(name, suffixes)) {
                continue;
            }
            List<String> addresses = forward.get(name);
            if (addresses == null) {
                unknown = true;
            } else if (addresses.contains(address)) {
                return new Judgment(
                        Result.CONFIRMED, name, address + " has PTR " + name + ", which resolves back to it");
            } else if (spoofed == null) {
                spoofed = name;
            }
        }
        if (spoofed != null && !unknown) {
            return new Judgment(
                    Result.SPOOFED,
                    spoofed,
                    address + " has PTR " + spoofed + ", but " + spoofed + " does not resolve to " + address
                            + ": the PTR is spoofed");
        }
        if (!complete || unknown) {
            return new Judgment(
                    Result.INCOMPLETE,
                    null,
                    "reverse DNS of " + address + " did not finish" + (problem == null ? "" : ": " + problem));
        }
        return new Judgment(
                Result.OUTSIDE,
                null,
                pointerNames.isEmpty()
                        ? address + " has no PTR name"
                        : address + " has PTR " + String.join(", ", pointerNames) + ", under none of " + suffixes);
    }

    /** {@code name} is a suffix or ends with {@code .suffix}: {@code crawl-1.googlebot.com} is under googlebot.com. */
    static boolean under(String name, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }
}
