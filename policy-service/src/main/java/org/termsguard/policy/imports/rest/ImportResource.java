package org.termsguard.policy.imports.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.platform.problems.Problem;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;
import org.termsguard.policy.imports.ImportFormat;
import org.termsguard.policy.imports.ImportReport;
import org.termsguard.policy.imports.ImportedTerms;
import org.termsguard.policy.imports.OdrlReader;
import org.termsguard.policy.imports.OdrlWriter;
import org.termsguard.policy.imports.RobotsTxtReader;
import org.termsguard.policy.imports.RslReader;
import org.termsguard.policy.imports.TdmRepReader;
import org.termsguard.policy.imports.TermsCombiner;
import org.termsguard.policy.imports.UnreadableDocument;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.rest.TermsResource;
import org.termsguard.policy.terms.service.TermsAdmin;
import org.termsguard.policy.terms.service.TermsCache;

/** Terms read from the documents owners already publish, and the owner's terms written out as ODRL. */
@Path("/v1/owners/{owner}")
@Authenticated
@Tag(name = "imports", description = "ODRL, RSL, robots.txt (aipref, Content-Signal) and TDMRep in; ODRL out")
@SecurityRequirement(name = "jwt")
public class ImportResource {

    /** Larger than any real robots.txt (RFC 9309 asks crawlers to read 500 KiB) or policy document. */
    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    static final String ROBOTS_EXAMPLE =
            """
            User-agent: *
            Allow: /
            Content-Usage: train-ai=n, search=y
            Content-Signal: ai-train=no, search=yes, ai-input=no

            User-agent: GPTBot
            Disallow: /

            License: https://x.example/license.rsl
            """;

    /** What an import did. */
    public record ImportResult(
            String owner,
            String format,
            boolean dryRun,
            @Schema(description = "The version the import made; null on a dry run") Long termsVersion,
            Instant effectiveFrom,
            @Schema(description = "Each clause that became a term, and which") List<ImportReport.Mapped> mapped,
            @Schema(description = "Each clause that did not, and why") List<ImportReport.Unmapped> unmapped,
            @Schema(description = "The owner's terms as the import leaves them") TermsDocument terms) {}

    private final TermsAdmin admin;
    private final TermsCache cache;
    private final OwnerAccess access;

    public ImportResource(TermsAdmin admin, TermsCache cache, OwnerAccess access) {
        this.admin = admin;
        this.cache = cache;
        this.access = access;
    }

    @POST
    @Path("imports")
    @Blocking
    @Consumes({
        ImportFormat.LD_JSON,
        ImportFormat.ODRL_JSON,
        ImportFormat.RSL_XML,
        MediaType.APPLICATION_XML,
        MediaType.TEXT_XML,
        MediaType.TEXT_PLAIN,
        ImportFormat.TDMREP_JSON,
        MediaType.APPLICATION_JSON
    })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import terms from a document the owner publishes",
            description = "By Content-Type: ODRL 2.2 JSON-LD (application/ld+json, application/odrl+json), RSL 1.0"
                    + " (application/rsl+xml), robots.txt with Content-Usage / Content-Signal / License lines"
                    + " (text/plain), TDMRep tdmrep.json (application/tdmrep+json or application/json). The"
                    + " document is combined with the owner's current terms — the most restrictive preference wins —"
                    + " into a new terms version (created for an owner that has none). The answer lists every clause"
                    + " mapped and every clause not mapped, with the reason. dryRun=true shows it without saving.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.TEXT_PLAIN,
                            examples = @ExampleObject(name = "robots.txt", value = ROBOTS_EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "Imported: a new terms version",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(
            responseCode = "200",
            description = "Dry run: what the import would do",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "The document cannot be read as its Content-Type says")
    @APIResponse(responseCode = "409", description = "effectiveFrom precedes the latest version")
    @APIResponse(responseCode = "413", description = "Larger than 1 MiB")
    @APIResponse(responseCode = "415", description = "Not one of the formats above")
    @APIResponse(responseCode = "422", description = "Nothing in the document could be mapped; nothing was saved")
    public Uni<Response> importDocument(
            @PathParam("owner") String owner,
            @Parameter(description = "Show the mapping without saving it") @QueryParam("dryRun") boolean dryRun,
            @Parameter(description = "RFC 3339 instant the imported terms hold from; default now")
                    @QueryParam("effectiveFrom")
                    String effectiveFrom,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        TermsResource.ownerId(owner);
        access.requireWrite(owner);
        if (body.length > MAX_DOCUMENT_BYTES) {
            throw new ProblemException(Problems.tooLarge("A terms document may be at most 1 MiB."));
        }
        if (body.length == 0) {
            throw new ProblemException(Problems.validation(
                    "The body is empty.", List.of(FieldError.of("body", "must be the document to import"))));
        }
        ImportFormat format = ImportFormat.ofMediaType(contentType)
                .orElseThrow(() -> new ProblemException(Problems.unsupportedMediaType(
                        "Import ODRL, RSL, robots.txt or TDMRep; see the operation's description.")));
        Instant from = effectiveFrom == null ? Instant.now() : TermsResource.instant(effectiveFrom);
        ImportedTerms imported = read(format, new String(body, StandardCharsets.UTF_8), from);
        if (nothingMapped(imported)) {
            throw new ProblemException(Problem.typed(
                    "nothing-mapped",
                    "Nothing could be mapped",
                    422,
                    "No clause of this " + format.title() + " document maps to Termsguard terms; nothing was saved. "
                            + imported.report().unmapped().stream()
                                    .map(u -> u.source() + ": " + u.clause() + " — " + u.reason())
                                    .limit(20)
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse("The document is empty.")));
        }
        // The document itself is not kept; its digest lets a notice's reader match it to the copy they are shown.
        String description = format.title() + " document imported (sha256:"
                + java.util.HexFormat.of().formatHex(sha256(body)) + ", " + body.length + " bytes)";
        if (dryRun) {
            return admin.latest(owner).map(latest -> {
                TermsDocument result = TermsCombiner.combine(owner, latest.orElse(null), imported);
                return Response.ok(result(owner, format, true, null, from, imported, result))
                        .build();
            });
        }
        return admin.derive(
                        owner,
                        from,
                        description,
                        access.who(),
                        latest -> TermsCombiner.combine(owner, latest, imported))
                .map(version -> Response.created(URI.create("/v1/owners/" + owner + "/versions"))
                        .entity(result(
                                owner,
                                format,
                                false,
                                version.version(),
                                version.effectiveFrom(),
                                imported,
                                version.document()))
                        .build());
    }

    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @GET
    @Path("terms.odrl")
    @Produces({ImportFormat.LD_JSON, ImportFormat.ODRL_JSON})
    @Operation(
            summary = "The owner's terms as an ODRL 2.2 policy",
            description = "One Set policy (JSON-LD, W3C ODRL context plus a small Termsguard profile) for the version"
                    + " in force at asOf (default now). Importing it into another owner gives the same decisions.")
    @APIResponse(responseCode = "200", description = "The policy")
    @APIResponse(responseCode = "404", description = "No terms were in force then")
    public Uni<ObjectNode> export(
            @PathParam("owner") String owner,
            @Parameter(description = "RFC 3339 instant") @QueryParam("asOf") String asOf) {
        access.requireRead(owner);
        Instant at = TermsResource.instant(asOf);
        return cache.timeline(owner).map(timeline -> timeline.at(at)
                .map(s -> OdrlWriter.write(s.document(), s.version(), s.effectiveFrom()))
                .orElseThrow(() -> new ProblemException(
                        Problems.notFound("Owner " + owner + " had no terms in force at " + at + "."))));
    }

    static ImportedTerms read(ImportFormat format, String text, Instant effectiveFrom) {
        try {
            return switch (format) {
                case ODRL -> OdrlReader.read(text, effectiveFrom);
                case RSL -> RslReader.read(text);
                case ROBOTS_TXT -> RobotsTxtReader.read(text);
                case TDMREP -> TdmRepReader.read(text);
            };
        } catch (UnreadableDocument e) {
            throw new ProblemException(Problems.validation(
                    "The document cannot be read as " + format.title() + ".",
                    List.of(FieldError.of("body", e.getMessage()))));
        }
    }

    private static boolean nothingMapped(ImportedTerms imported) {
        return imported.preferences().isEmpty()
                && imported.licenses().isEmpty()
                && imported.listPrice() == null
                && imported.robotsTxt() == null
                && imported.aliases() == null
                && imported.noticeContact() == null
                && imported.references().isEmpty();
    }

    private static ImportResult result(
            String owner,
            ImportFormat format,
            boolean dryRun,
            Long version,
            Instant from,
            ImportedTerms imported,
            TermsDocument terms) {
        return new ImportResult(
                owner,
                format.title(),
                dryRun,
                version,
                from,
                imported.report().mapped(),
                imported.report().unmapped(),
                terms);
    }
}
