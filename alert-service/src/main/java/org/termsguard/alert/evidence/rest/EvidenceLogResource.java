package org.termsguard.alert.evidence.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.alert.evidence.repository.EvidenceLog;
import org.termsguard.alert.evidence.service.CheckpointTimestamps;
import org.termsguard.alert.evidence.service.EvidenceCheckpoints;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;

/**
 * An owner's evidence log, for whoever must check it: its newest signed checkpoint, the consistency proof between two
 * of its sizes (RFC 9162 §2.1.4), an event's inclusion proof (§2.1.3), and the key the checkpoints are signed with.
 */
@Path("/v1")
@Tag(name = "evidence", description = "The append-only evidence log: checkpoints and proofs")
public class EvidenceLogResource {

    public static final String TEXT = "text/plain; charset=utf-8";

    /**
     * An inclusion proof: the event's leaf and the sibling hashes (hex, nearest first) up to the tree's root.
     *
     * @param canonicalJson the event's RFC 8785 canonical JSON, whose SHA-256(0x00 ‖ UTF-8) is {@code leafHash}
     */
    public record InclusionProof(
            String eventId,
            long leafIndex,
            long treeSize,
            String canonicalJson,
            String leafHash,
            String rootHash,
            List<String> path) {}

    /** A consistency proof between two sizes of the log (hex, as RFC 9162 §2.1.4.1 orders them). */
    public record ConsistencyProof(long from, long to, String fromRoot, String toRoot, List<String> proof) {}

    private static final HexFormat HEX = HexFormat.of();

    private final EvidenceLog log;
    private final EvidenceCheckpoints checkpoints;
    private final CheckpointTimestamps timestamps;
    private final OwnerAccess access;

    public EvidenceLogResource(
            EvidenceLog log, EvidenceCheckpoints checkpoints, CheckpointTimestamps timestamps, OwnerAccess access) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.timestamps = timestamps;
        this.access = access;
    }

    @GET
    @Path("evidence/tsa-roots.pem")
    @PermitAll
    @Produces("application/x-pem-file")
    @Operation(summary = "The roots the checkpoints' RFC 3161 tokens chain to (openssl ts -verify -CAfile)")
    @APIResponse(responseCode = "200", description = "PEM certificates")
    @APIResponse(responseCode = "404", description = "No TSA is configured")
    public String tsaRoots() {
        if (!timestamps.enabled()) {
            throw new ProblemException(Problems.notFound("No Time-Stamping Authority is configured."));
        }
        return timestamps.trustedPem();
    }

    @GET
    @Path("owners/{owner}/log/checkpoint.tsr")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Produces("application/timestamp-reply")
    @Operation(
            summary = "The RFC 3161 reply stamping the owner's newest checkpoint, or the one of treeSize leaves",
            description = "Over the SHA-256 of the checkpoint's signed text (the note up to its blank line):"
                    + " openssl ts -verify -in checkpoint.tsr -data <that text> -CAfile tsa-roots.pem.")
    @APIResponse(responseCode = "200", description = "The DER TimeStampResp")
    @APIResponse(responseCode = "404", description = "No stamped checkpoint (yet) of this size")
    public Uni<byte[]> checkpointTimestamp(@PathParam("owner") String owner, @QueryParam("treeSize") Long treeSize) {
        access.requireRead(owner);
        return log.stampOf(owner, treeSize).map(found -> found.orElseThrow(() -> new ProblemException(
                        Problems.notFound("The evidence log of " + owner + " has no timestamped checkpoint"
                                + (treeSize == null ? "" : " of " + treeSize + " leaves") + " yet.")))
                .reply());
    }

    @GET
    @Path("evidence/log-key")
    @PermitAll
    @Produces(TEXT)
    @Operation(
            summary = "The verifier key of every evidence-log checkpoint",
            description = "C2SP signed-note form: name+keyid+base64(0x01 ‖ Ed25519 public key). Public, and stable:"
                    + " notices print it.")
    @APIResponse(responseCode = "200", description = "The verifier key, one line")
    public String logKey() {
        return checkpoints.verifierKey().encoded() + "\n";
    }

    @GET
    @Path("owners/{owner}/log/checkpoint")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Produces(TEXT)
    @Operation(
            summary = "The owner's newest signed checkpoint, or the one of treeSize leaves",
            description = "A C2SP tlog-checkpoint (origin, tree size, base64 root hash) signed as a C2SP note with"
                    + " the key at /v1/evidence/log-key.")
    @APIResponse(responseCode = "200", description = "The signed note")
    @APIResponse(responseCode = "404", description = "No checkpoint (yet) of this size")
    public Uni<String> checkpoint(@PathParam("owner") String owner, @QueryParam("treeSize") Long treeSize) {
        access.requireRead(owner);
        return log.checkpoint(owner, treeSize)
                .map(found -> found.orElseThrow(() -> new ProblemException(Problems.notFound(
                                treeSize == null
                                        ? "The evidence log of " + owner + " has no checkpoint yet."
                                        : "The evidence log of " + owner + " has no checkpoint of " + treeSize
                                                + " leaves.")))
                        .note());
    }

    @GET
    @Path("owners/{owner}/log/consistency")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The RFC 9162 consistency proof between two sizes of the owner's log, 0 < from <= to")
    @APIResponse(responseCode = "200", description = "The proof and both roots")
    @APIResponse(responseCode = "400", description = "Sizes out of order or beyond the newest checkpoint")
    public Uni<ConsistencyProof> consistency(
            @PathParam("owner") String owner, @QueryParam("from") Long from, @QueryParam("to") Long to) {
        access.requireRead(owner);
        return newest(owner).chain(size -> {
            if (from == null || to == null || from <= 0 || from > to || to > size) {
                throw new ProblemException(Problems.validation(
                        "from and to must be sizes with 0 < from <= to <= " + size + ", the newest checkpoint's.",
                        List.of(
                                FieldError.of("from", "must be 1 to to"),
                                FieldError.of("to", "must be from to " + size))));
            }
            return checkpoints.read(
                    owner,
                    to,
                    tree -> new ConsistencyProof(
                            from,
                            to,
                            HEX.formatHex(tree.root(from)),
                            HEX.formatHex(tree.root(to)),
                            tree.consistencyProof(from, to).stream()
                                    .map(HEX::formatHex)
                                    .toList()));
        });
    }

    @GET
    @Path("owners/{owner}/log/inclusion")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "An event's RFC 9162 inclusion proof in the owner's log",
            description = "treeSize defaults to the newest checkpoint's; the event must be within it.")
    @APIResponse(responseCode = "200", description = "The leaf, the path and the root")
    @APIResponse(responseCode = "404", description = "The event is not in the owner's log (yet)")
    public Uni<InclusionProof> inclusion(
            @PathParam("owner") String owner,
            @QueryParam("eventId") String eventId,
            @QueryParam("treeSize") Long treeSize) {
        access.requireRead(owner);
        if (eventId == null || eventId.isBlank() || eventId.length() > 128) {
            throw new ProblemException(Problems.validation(
                    "eventId is required.", List.of(FieldError.of("eventId", "must be an event id"))));
        }
        return newest(owner).chain(size -> log.leafOf(owner, eventId).chain(found -> {
            EvidenceLog.Leaf leaf = found.orElseThrow(() -> new ProblemException(
                    Problems.notFound("The evidence log of " + owner + " has no event " + eventId + ".")));
            long at = treeSize == null ? size : treeSize;
            if (at > size || at <= leaf.index()) {
                throw new ProblemException(Problems.validation(
                        "treeSize must be above the event's leaf index " + leaf.index() + " and at most " + size + ".",
                        List.of(FieldError.of("treeSize", "must be " + (leaf.index() + 1) + " to " + size))));
            }
            return checkpoints.read(
                    owner,
                    at,
                    tree -> new InclusionProof(
                            eventId,
                            leaf.index(),
                            at,
                            leaf.canonicalJson(),
                            HEX.formatHex(leaf.leafHash()),
                            HEX.formatHex(tree.root(at)),
                            tree.inclusionProof(leaf.index(), at).stream()
                                    .map(HEX::formatHex)
                                    .toList()));
        }));
    }

    /** The size of the owner's newest checkpoint: proofs are served up to what has been signed. */
    private Uni<Long> newest(String owner) {
        return log.checkpoint(owner, null).map(found -> found.map(EvidenceLog.StoredCheckpoint::treeSize)
                .orElseThrow(() -> new ProblemException(
                        Problems.notFound("The evidence log of " + owner + " has no checkpoint yet."))));
    }
}
