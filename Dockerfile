# Build stage: compile the release binary (migrations and reference data are embedded).
FROM rust:1-slim-bookworm AS build
WORKDIR /src
# What the build reads: the manifest (which names benches/extract.rs, so Cargo needs it), the
# build script, the sources, and what they embed (migrations, reference data, the dashboard).
# .dockerignore lets through exactly these; tests/docker/context.sh checks that they suffice.
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
COPY benches ./benches
COPY migrations ./migrations
COPY data ./data
COPY web ./web
RUN cargo build --release --locked --bin readout

# Runtime stage: just the binary on a slim base.
FROM debian:bookworm-slim
RUN useradd --system --uid 10001 readout
COPY --from=build /src/target/release/readout /usr/local/bin/readout
USER readout
ENV READOUT_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["readout"]
CMD ["serve"]
