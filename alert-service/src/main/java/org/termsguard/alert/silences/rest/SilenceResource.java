package org.termsguard.alert.silences.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.silences.CompiledSilence;
import org.termsguard.alert.silences.Silence;
import org.termsguard.alert.silences.repository.SilenceBook;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;

/**
 * Silences, Alertmanager-style. Every silence must name an owner with an equality matcher, so an owner's people
 * can silence only their own incidents; platform admins may silence across owners with a regex. Regexes are RE2
 * syntax and compiled here, once, before the silence is stored; one RE2J refuses, more matchers than
 * {@code max-matchers} or more silences than {@code max-active-per-owner} are a 422.
 */
@Path("/v1/silences")
@Authenticated
@Tag(name = "silences", description = "Mute notifications of matching incidents for a while; they still count")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {

    static final Set<String> NAMES = Set.of("owner", "consumer", "rule", "severity");

    public record NewSilence(List<Silence.Matcher> matchers, Instant startsAt, Instant endsAt, String comment) {}

    private final SilenceBook silences;
    private final OwnerAccess access;
    private final int maxMatchers;

    public SilenceResource(SilenceBook silences, OwnerAccess access, AlertConfig config) {
        this.silences = silences;
        this.access = access;
        this.maxMatchers = config.silences().maxMatchers();
    }

    @GET
    @Operation(summary = "Silences, newest first, with those already ended")
    @APIResponse(responseCode = "200", description = "The silences this token may see")
    public Uni<List<Silence>> list() {
        Set<String> readable = access.readableOwners();
        return silences.all().map(all -> all.stream()
                .filter(s -> readable == null || readable.contains(owner(s)))
                .toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a silence",
            description =
                    "Matchers on owner, consumer, rule, severity (equality, or whole-label regex in RE2 syntax with isRegex). startsAt defaults to now. A regex RE2 does not accept (backreferences, lookaround) or that expands past 1000 atoms, too many matchers, or too many silences not yet ended for the owner are a 422.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "silence",
                                            value =
                                                    "{\"matchers\":[{\"name\":\"owner\",\"value\":\"x-corp\",\"isRegex\":false},{\"name\":\"rule\",\"value\":\"quota-.*\",\"isRegex\":true}],\"endsAt\":\"2023-05-01T00:00:00Z\",\"comment\":\"Renegotiating the enterprise quota\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = Silence.class)))
    @APIResponse(responseCode = "400", description = "Invalid silence")
    @APIResponse(
            responseCode = "422",
            description = "A regex RE2 refuses, more matchers than allowed, or the owner has the most silences allowed")
    public Uni<Response> create(NewSilence request) {
        Problems.requireBody(request);
        List<FieldError> errors = new ArrayList<>();
        List<Silence.Matcher> matchers = request.matchers() == null ? List.of() : request.matchers();
        if (matchers.isEmpty()) {
            errors.add(FieldError.of("matchers", "at least one matcher is required"));
        }
        for (int i = 0; i < matchers.size(); i++) {
            Silence.Matcher m = matchers.get(i);
            if (m == null) {
                errors.add(FieldError.of("matchers[" + i + "]", "must be a matcher"));
                continue;
            }
            if (m.name() == null || !NAMES.contains(m.name())) {
                errors.add(FieldError.of("matchers[" + i + "].name", "must be owner, consumer, rule or severity"));
            }
            if (m.value() == null || m.value().isEmpty() || m.value().length() > 256) {
                errors.add(FieldError.of("matchers[" + i + "].value", "is required, at most 256 characters"));
            } else if (m.value().indexOf('\0') >= 0) {
                // PostgreSQL's jsonb cannot hold U+0000.
                errors.add(FieldError.of("matchers[" + i + "].value", "must not contain NUL"));
            }
        }
        Instant starts = request.startsAt() == null ? Instant.now() : request.startsAt();
        if (request.endsAt() == null || !request.endsAt().isAfter(starts)) {
            errors.add(FieldError.of("endsAt", "is required and must be after startsAt"));
        }
        if (request.comment() == null
                || request.comment().isBlank()
                || request.comment().length() > 2048
                || request.comment().indexOf('\0') >= 0) {
            errors.add(FieldError.of("comment", "is required: say why, for whoever reads it later"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation("The silence is not valid.", errors));
        }
        String owner = Silence.ownerOf(matchers);
        if (owner == null) {
            access.requirePlatformAdmin();
        } else {
            access.requireWrite(owner);
        }
        if (matchers.size() > maxMatchers) {
            throw new ProblemException(Problems.unprocessable(
                    "A silence may have at most " + maxMatchers + " matchers.",
                    List.of(FieldError.of("matchers", "at most " + maxMatchers + " matchers"))));
        }
        try {
            CompiledSilence.conditions(matchers);
        } catch (CompiledSilence.Refused refused) {
            throw new ProblemException(Problems.unprocessable(
                    "A matcher's regular expression cannot be used.",
                    List.of(FieldError.of(
                            "matchers[" + refused.matcher() + "].value",
                            "is not a regular expression RE2 accepts within bounds: " + refused.getMessage()))));
        }
        return silences.create(matchers, starts, request.endsAt(), access.who(), request.comment())
                .onFailure(SilenceBook.LimitReached.class)
                .transform(e -> new ProblemException(Problems.unprocessable(
                        e.getMessage(), List.of(FieldError.of("matchers", "the owner has the most silences allowed")))))
                .map(s -> Response.created(URI.create("/v1/silences/" + s.id()))
                        .entity(s)
                        .build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One silence")
    @APIResponse(responseCode = "200", description = "The silence")
    @APIResponse(responseCode = "404", description = "No such silence")
    public Uni<Silence> get(@PathParam("id") String id) {
        return silences.find(id).map(found -> {
            Silence silence =
                    found.orElseThrow(() -> new ProblemException(Problems.notFound("No silence " + id + ".")));
            String owner = owner(silence);
            if (owner == null ? access.readableOwners() != null : !access.mayRead(owner)) {
                throw new ProblemException(Problems.notFound("No silence " + id + "."));
            }
            return silence;
        });
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "End a silence now", description = "It stays listed, as history.")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", description = "No such silence")
    public Uni<Response> expire(@PathParam("id") String id) {
        return get(id).chain(silence -> {
                    String owner = owner(silence);
                    if (owner == null) {
                        access.requirePlatformAdmin();
                    } else {
                        access.requireWrite(owner);
                    }
                    return silences.expire(id);
                })
                .map(done -> Response.noContent().build());
    }

    private static String owner(Silence silence) {
        return Silence.ownerOf(silence.matchers());
    }
}
