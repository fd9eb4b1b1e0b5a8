# Build stage: compile the release binary (migrations and reference data are embedded).
FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY migrations ./migrations
COPY data ./data
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
