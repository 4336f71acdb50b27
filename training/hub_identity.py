"""Sign-in through JupyterHub for the practice app's Voilà server (a trainee's server).

Voilà's own server takes an identity provider class (``Voila.identity_provider_class``);
this one is JupyterHub's own for single-user servers (OAuth with the hub, the hub's scopes
checked on every request), with two adjustments to how Voilà builds it: Voilà passes a
``token`` argument, which the hub's provider has as a read-only property, and Voilà adds the
provider's handlers (``/oauth_callback``, ``/logout``) without the server's URL prefix, so
here they get the hub's prefix for this server (``JUPYTERHUB_SERVICE_PREFIX``).

Imported only by the Voilà server process that :mod:`training.hub` starts.
"""

from __future__ import annotations

import os
from typing import Any

from jupyter_server.utils import url_path_join
from jupyterhub.singleuser.extension import JupyterHubAuthorizer, JupyterHubIdentityProvider

PREFIX_ENV = "JUPYTERHUB_SERVICE_PREFIX"


class HubIdentityProvider(JupyterHubIdentityProvider):
    """JupyterHub's OAuth identity provider, as Voilà's standalone server can build it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("token", None)  # the hub's API token is the token; Voilà's is not used
        super().__init__(**kwargs)

    def get_handlers(self) -> list[Any]:
        """The OAuth callback and logout handlers under this server's prefix."""
        prefix = os.environ.get(PREFIX_ENV, "/")
        return [(url_path_join(prefix, route), *rest) for route, *rest in super().get_handlers()]


__all__ = ["HubIdentityProvider", "JupyterHubAuthorizer"]
