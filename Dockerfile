# County Watch in a container, built from the distribution: ./mvnw -DskipTests package && docker build -t county-watch .
# Untested here: the build machines reach no image registry (see the README, "Containers").
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /var/lib/county-watch county-watch
COPY target/aggregator-*-dist.tar.gz /tmp/dist.tar.gz
RUN mkdir /opt/county-watch \
    && tar -xzf /tmp/dist.tar.gz -C /opt/county-watch --strip-components=1 \
    && rm /tmp/dist.tar.gz
USER county-watch
WORKDIR /var/lib/county-watch
# The sources file is mounted here (read-only); without AGGREGATOR_DB_URL the embedded PostgreSQL keeps its data
# in the volume.
ENV AGGREGATOR_SOURCES=/etc/county-watch/sources.yml \
    AGGREGATOR_DATA_DIR=/var/lib/county-watch/pg
VOLUME /var/lib/county-watch
EXPOSE 8080
ENTRYPOINT ["/opt/county-watch/bin/county-watch"]
