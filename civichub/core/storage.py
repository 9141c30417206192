"""Static files storage: hashed, compressed, tolerant of missing source maps."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # npm packages reference source maps that they do not always ship; a missing
    # referenced file keeps its original URL instead of failing collectstatic.
    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            return name
