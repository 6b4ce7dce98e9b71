package org.albatross.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one InfluxQL query of a Grafana panel reads: its measurement, its field and the tags it filters or groups
 * by, taken from the dashboard JSON as Grafana stores it (raw queries in {@code targets[].query}).
 */
record DashboardQuery(Path dashboard, String panel, String measurement, String field, Set<String> tags) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FROM = Pattern.compile("FROM \"([^\"]+)\"");
    private static final Pattern FIELD = Pattern.compile("SELECT (?:\\w+\\()+\"([^\"]+)\"");
    private static final Pattern TAG = Pattern.compile(
            "\"([a-z_]+)\"\\s*(?:=~|=|!=)|GROUP BY[^\"]*((?:,?\\s*\"[a-z_]+\")+)");
    private static final Pattern QUOTED = Pattern.compile("\"([a-z_]+)\"");

    static List<DashboardQuery> allIn(Path dashboard) throws IOException {
        JsonNode root = JSON.readTree(dashboard.toFile());
        if (!root.path("templating").path("list").toString().contains("\"type\":\"datasource\"")) {
            throw new IllegalArgumentException(dashboard + " has no datasource variable");
        }
        List<DashboardQuery> queries = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(parse(dashboard, panel.path("title").asText(), target.path("query").asText()));
            }
        }
        return queries;
    }

    static DashboardQuery parse(Path dashboard, String panel, String query) {
        Matcher from = FROM.matcher(query);
        Matcher field = FIELD.matcher(query);
        if (!from.find() || !field.find()) {
            throw new IllegalArgumentException(dashboard + ", panel \"" + panel + "\": no SELECT f(\"field\") FROM "
                    + "\"measurement\" in " + query);
        }
        Set<String> tags = new LinkedHashSet<>();
        Matcher tag = TAG.matcher(query);
        while (tag.find()) {
            if (tag.group(1) != null) {
                tags.add(tag.group(1));
            } else {
                Matcher quoted = QUOTED.matcher(tag.group(2));
                while (quoted.find()) {
                    tags.add(quoted.group(1));
                }
            }
        }
        return new DashboardQuery(dashboard, panel, from.group(1), field.group(1), tags);
    }
}
