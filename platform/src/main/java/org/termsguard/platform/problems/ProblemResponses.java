package org.termsguard.platform.problems;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents what every Termsguard API does alike, once: each error response is RFC 9457
 * {@code application/problem+json}, and each secured operation can answer 401 and 403. Resources then declare
 * only the statuses particular to them.
 */
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations()
                .values()
                .forEach(this::document));
    }

    private void document(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfMissing(responses, "401", "Missing, unknown, revoked or expired credentials");
            addIfMissing(responses, "403", "These credentials may not do this (e.g. another owner's data)");
        }
        responses.getAPIResponses().forEach((status, response) -> {
            boolean error = status.startsWith("4") || status.startsWith("5");
            if (error
                    && (response.getContent() == null
                            || response.getContent().getMediaTypes() == null
                            || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
        });
    }

    private static void addIfMissing(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(
                    status,
                    OASFactory.createAPIResponse().description(description).content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + SCHEMA)));
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .properties(Map.of(
                        "index",
                                OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.INTEGER))
                                        .description("Item of a batch"),
                        "field",
                                OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.STRING))
                                        .description("JSON path, e.g. volume.records"),
                        "message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .properties(Map.of(
                        "type",
                                OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.STRING))
                                        .format("uri"),
                        "title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)),
                        "status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)),
                        "detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)),
                        "instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)),
                        "errors",
                                OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.ARRAY))
                                        .items(fieldError)));
    }
}
