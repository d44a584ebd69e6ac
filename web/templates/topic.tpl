{{%AUTOESCAPE context="HTML"}}
{{! GET /topics/{topic} : the topic's guides, newest first, paged with ?page=N. }}
<h1>{{NAME}}</h1>
<p class="m">{{COUNT}}</p>
{{#EMPTY}}<p>{{T_topic_empty}} <a href="{{HOME_URL}}">{{T_nav_home}}</a></p>{{/EMPTY}}
{{>LIST}}
{{>PAGER}}
