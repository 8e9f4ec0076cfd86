# The production image: gunicorn for the web, the same image for Celery workers and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY assets assets
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0 STATIC_MANIFEST=1 VAR_DIR=/var/lib/sharedservice
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir ".[s3]"
COPY . .
COPY --from=assets /app/static_build static_build
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput \
 && useradd --system --home /app sharedservice && mkdir -p /var/lib/sharedservice \
 && chown -R sharedservice /var/lib/sharedservice
USER sharedservice
EXPOSE 8000
CMD ["gunicorn", "sharedservice.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
