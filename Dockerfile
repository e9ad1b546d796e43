# The dashboard as a container: headless Streamlit on port 8501.
#   docker build -t prompt-or-finetune .
#   docker run -p 8501:8501 -e SCENARIO_STORE_URL=postgresql+psycopg://user:password@db/scenarios prompt-or-finetune
FROM python:3.11-slim

# Debian's chromium draws the PNG chart export (kaleido drives it; nothing is downloaded).
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY app.py ./
COPY .streamlit ./.streamlit
COPY pages ./pages
COPY ui ./ui
COPY render ./render
COPY commands ./commands
COPY costmodel ./costmodel
COPY pricing ./pricing
COPY store ./store

# Saved scenarios: SQLite in a volume unless SCENARIO_STORE_URL names a database.
ENV SCENARIO_STORE_PATH=/data/scenarios.sqlite3
VOLUME /data
RUN useradd --create-home dashboard && mkdir -p /data && chown dashboard /data
USER dashboard

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"

CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
