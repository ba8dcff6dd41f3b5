package vn.loa.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

abstract class AbstractPostgresServer implements PostgresServer {

    private final Map<String, Database> created = new ConcurrentHashMap<>();

    @Override
    public Database createDatabase(String name) {
        String database = sanitize(name);
        return created.computeIfAbsent(database, this::create);
    }

    static String sanitize(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("database name must not be blank");
        }
        String sanitized = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (Character.isDigit(sanitized.charAt(0))) {
            sanitized = "db_" + sanitized;
        }
        return sanitized.length() > 63 ? sanitized.substring(0, 63) : sanitized;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    private Database create(String database) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password())) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement statement = connection.createStatement()) {
                    // template0 so that the encoding is UTF8 whatever the cluster's default locale is.
                    statement.execute("create database \"" + database + "\" template template0 encoding 'UTF8'");
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + database + " on " + description(), e);
        }
        return new Database(database, jdbcUrl(database), username(), password());
    }
}
