"""openai-doctor for Python: the tool's binaries and ``diagnose(error)``.

``diagnose`` turns an openai-python exception (or any exception, or the text of one) into the
diagnosis ``openai-doctor explain --format json`` gives: a dict with ``cause``, ``layer``,
``retry``, ``confidence``, ``title``, ``explanation``, ``fixes`` and ``evidence`` (which holds
``status``, ``request_id``, ``cf_ray`` ...). It runs the binary bundled in this package, offline.
"""

from ._binary import binary_path, version
from ._diagnose import diagnose

__all__ = ["diagnose", "binary_path", "version"]
